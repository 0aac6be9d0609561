/**
 * Demo catalogues used by the seed script.
 *
 * Prices are integer minor units in the shop's currency:
 * - demoShopCatalog ("Lumen Lane 流明小铺", Hangzhou): CNY, in fen (2990 = ¥29.90)
 * - secondShopCatalog ("Trailhead Outfitters", US): USD, in cents (3995 = $39.95)
 */

export interface SeedProduct {
  sku: string;
  name: { en: string; "zh-CN": string };
  description: { en: string; "zh-CN": string };
  price: number;
  stock: number;
  tags: string[];
  /** Placeholder artwork: a monogram of the English name on this colour (no emoji font needed). */
  image: { background: string };
}

export const demoShopCatalog: SeedProduct[] = [
  // ── Tea & snacks ─────────────────────────────────────────────────────────
  {
    sku: "TEA-001",
    name: { en: "West Lake Longjing Green Tea, 250 g", "zh-CN": "西湖龙井明前绿茶 250g" },
    description: {
      en: "Pre-Qingming Longjing picked in the hills around West Lake and pan-fired by hand. Flat, jade-green leaves with a chestnut aroma and a sweet, clean finish.",
      "zh-CN": "明前采摘，产自西湖周边茶山，传统手工炒制。扁平挺直、色泽嫩绿，豆栗香明显，入口鲜爽回甘。",
    },
    price: 12800,
    stock: 180,
    tags: ["tea", "green tea", "longjing", "hangzhou", "gift", "绿茶", "龙井"],
    image: { background: "#d9f99d" },
  },
  {
    sku: "TEA-002",
    name: { en: "Jasmine Dragon Pearl Tea, 100 g", "zh-CN": "茉莉龙珠花茶 100g" },
    description: {
      en: "Hand-rolled green tea pearls scented several times with fresh jasmine blossoms. Each pearl unfurls slowly and can be steeped three or four times.",
      "zh-CN": "嫩芽手工揉捻成珠，鲜茉莉花多次窨制，花香浓郁持久。冲泡时茶珠慢慢舒展，一泡可续水三到四次。",
    },
    price: 6800,
    stock: 240,
    tags: ["tea", "jasmine", "scented tea", "flower tea", "花茶", "茉莉"],
    image: { background: "#fef9c3" },
  },
  {
    sku: "TEA-003",
    name: { en: "Yunnan Ripe Pu'er Tea Cake, 357 g", "zh-CN": "云南勐海普洱熟茶饼 357g" },
    description: {
      en: "A classic 357 g ripe Pu'er cake from Menghai, aged five years in dry storage. Brews a deep red liquor with smooth, earthy sweetness.",
      "zh-CN": "勐海原料，经典357克七子饼规格，干仓存放五年。汤色红浓透亮，口感醇厚顺滑，带陈香。",
    },
    price: 15800,
    stock: 3,
    tags: ["tea", "pu'er", "puer", "ripe tea", "yunnan", "普洱", "熟茶"],
    image: { background: "#fecaca" },
  },
  {
    sku: "TEA-004",
    name: { en: "Osmanthus Oolong Tea Bags, 20 pack", "zh-CN": "桂花乌龙冷泡三角茶包 20袋" },
    description: {
      en: "Tieguanyin oolong blended with dried osmanthus in pyramid bags. Steep hot for three minutes, or cold-brew in the fridge for four hours.",
      "zh-CN": "铁观音乌龙搭配干桂花，三角立体茶包。热水冲泡三分钟即可，也可冷水冷泡四小时，清甜不苦涩。",
    },
    price: 3990,
    stock: 420,
    tags: ["tea", "oolong", "osmanthus", "tea bags", "cold brew", "乌龙茶", "冷泡茶"],
    image: { background: "#fed7aa" },
  },
  {
    sku: "SNK-001",
    name: { en: "Lin'an Hickory Nuts, Hand-Cracked, 200 g", "zh-CN": "临安手剥山核桃 200g" },
    description: {
      en: "Small hickory nuts from Lin'an, just outside Hangzhou, lightly salted and roasted. The shells are pre-cracked so they open easily by hand.",
      "zh-CN": "杭州临安山核桃，淡盐烘焙，壳已预裂，手一捏就开。果仁饱满香脆，追剧办公都合适。",
    },
    price: 5990,
    stock: 310,
    tags: ["snacks", "nuts", "hickory", "hangzhou", "坚果", "山核桃"],
    image: { background: "#e7c9a9" },
  },
  {
    sku: "SNK-002",
    name: { en: "Dried Mango Slices, 250 g", "zh-CN": "软糯芒果干 250g" },
    description: {
      en: "Thick-cut slices of ripe mango, dried low and slow with no added colouring. Chewy, tangy-sweet and individually sealed in small packs.",
      "zh-CN": "精选成熟芒果厚切低温烘干，不添加色素。口感软糯有嚼劲，酸甜适中，独立小包装。",
    },
    price: 2990,
    stock: 500,
    tags: ["snacks", "dried fruit", "mango", "果干", "芒果干"],
    image: { background: "#fde68a" },
  },
  {
    sku: "SNK-003",
    name: { en: "Daily Mixed Nuts, 30 Packs", "zh-CN": "每日坚果混合装 30袋" },
    description: {
      en: "Thirty 25 g packs of cashews, almonds, walnuts, hazelnuts, cranberries and raisins. A balanced daily portion with no added salt or sugar.",
      "zh-CN": "一盒30小袋，每袋25克，腰果、巴旦木、核桃仁、榛子搭配蔓越莓和葡萄干。无额外加盐加糖，一天一袋刚刚好。",
    },
    price: 8990,
    stock: 260,
    tags: ["snacks", "nuts", "mixed nuts", "healthy", "坚果", "每日坚果"],
    image: { background: "#fef3c7" },
  },
  {
    sku: "SNK-004",
    name: { en: "West Lake Lotus Root Powder, 300 g", "zh-CN": "西湖桂花藕粉羹 300g" },
    description: {
      en: "A Hangzhou classic: lotus root starch with osmanthus and goji in single-serve sachets. Stir with boiling water for a silky, lightly sweet dessert.",
      "zh-CN": "杭州老字号风味，藕粉搭配桂花和枸杞，独立小袋装。开水冲调搅拌成羹，晶莹顺滑，甜而不腻。",
    },
    price: 3690,
    stock: 150,
    tags: ["snacks", "lotus root", "dessert", "hangzhou", "breakfast", "藕粉", "杭州特产"],
    image: { background: "#fce7f3" },
  },

  // ── Phone accessories ────────────────────────────────────────────────────
  {
    sku: "CASE-001",
    name: { en: "Clear MagSafe-Compatible Case for iPhone 15", "zh-CN": "iPhone 15 磁吸透明防摔手机壳" },
    description: {
      en: "A crystal-clear case with a built-in magnetic ring that works with MagSafe chargers and mounts. Raised edges protect the camera and screen, and the anti-yellowing coating keeps it clear.",
      "zh-CN": "内置强磁圈，兼容MagSafe充电和磁吸支架。四角气囊防摔，镜头和屏幕边缘加高保护，抗黄变涂层久用依然透亮。",
    },
    price: 3990,
    stock: 220,
    tags: ["phone case", "iphone", "iphone 15", "magsafe", "clear", "手机壳", "磁吸"],
    image: { background: "#e0f2fe" },
  },
  {
    sku: "CASE-002",
    name: { en: "Liquid Silicone Case for iPhone 15 Pro, Sage Green", "zh-CN": "iPhone 15 Pro 液态硅胶手机壳 鼠尾草绿" },
    description: {
      en: "Soft-touch liquid silicone with a microfibre lining that protects the back of the phone from scratches. Slim enough for wireless charging.",
      "zh-CN": "液态硅胶外壳，亲肤细腻不沾指纹，内衬超细纤维绒防刮花。轻薄贴合，不影响无线充电。",
    },
    price: 4990,
    stock: 1,
    tags: ["phone case", "iphone", "iphone 15 pro", "silicone", "green", "手机壳", "硅胶"],
    image: { background: "#bbf7d0" },
  },
  {
    sku: "CHG-001",
    name: { en: "65 W GaN Fast Charger, 3 Ports", "zh-CN": "65W氮化镓三口快充充电器" },
    description: {
      en: "Two USB-C ports and one USB-A port with up to 65 W output, enough to charge a laptop and a phone at the same time. Foldable pins and a body about the size of a matchbox.",
      "zh-CN": "2个USB-C口加1个USB-A口，单口最高65W，笔记本和手机可以同时快充。插脚可折叠，体积只有火柴盒大小，出差很方便。",
    },
    price: 12900,
    stock: 160,
    tags: ["charger", "gan", "fast charging", "usb-c", "65w", "充电器", "快充"],
    image: { background: "#e5e7eb" },
  },
  {
    sku: "CHG-002",
    name: { en: "Magnetic Wireless Power Bank, 10,000 mAh", "zh-CN": "磁吸无线充电宝 10000mAh" },
    description: {
      en: "Snaps onto the back of MagSafe-compatible iPhones and charges wirelessly at up to 15 W. A 20 W USB-C port handles wired charging for other devices.",
      "zh-CN": "磁吸贴合iPhone背面，边充边用，无线输出最高15W。另有20W USB-C接口，可给其他设备有线快充。",
    },
    price: 15900,
    stock: 90,
    tags: ["power bank", "wireless charging", "magsafe", "battery", "充电宝", "移动电源"],
    image: { background: "#ccfbf1" },
  },
  {
    sku: "CBL-001",
    name: { en: "Braided USB-C to USB-C Cable, 100 W, 1.5 m", "zh-CN": "双Type-C编织快充数据线 100W 1.5米" },
    description: {
      en: "A nylon-braided cable rated for 100 W charging and tested to 20,000 bends. Works with phones, tablets and most USB-C laptops.",
      "zh-CN": "尼龙编织线身，支持100W快充，经两万次弯折测试。手机、平板和大多数Type-C笔记本都能用。",
    },
    price: 3490,
    stock: 450,
    tags: ["cable", "usb-c", "type-c", "charging cable", "100w", "数据线", "快充线"],
    image: { background: "#ddd6fe" },
  },
  {
    sku: "CBL-002",
    name: { en: "USB-C to Lightning Cable, 1 m", "zh-CN": "苹果PD快充数据线 Type-C转Lightning 1米" },
    description: {
      en: "MFi-certified cable that fast-charges iPhones to 50% in about 30 minutes with a 20 W adapter. Reinforced joints reduce fraying at the connectors.",
      "zh-CN": "MFi认证，搭配20W充电头约30分钟充至50%。接口处加固处理，不易断裂开胶。",
    },
    price: 2990,
    stock: 380,
    tags: ["cable", "lightning", "iphone", "charging cable", "mfi", "数据线", "苹果"],
    image: { background: "#fef08a" },
  },
  {
    sku: "AUD-001",
    name: { en: "Active Noise-Cancelling Wireless Earbuds", "zh-CN": "主动降噪真无线蓝牙耳机" },
    description: {
      en: "Bluetooth 5.3 earbuds with active noise cancelling, a transparency mode and up to 30 hours of playback with the case. IPX4 sweat resistance makes them suitable for workouts.",
      "zh-CN": "蓝牙5.3，支持主动降噪和通透模式，搭配充电仓续航约30小时。IPX4级防汗防水，运动通勤都能戴。",
    },
    price: 29900,
    stock: 75,
    tags: ["earbuds", "headphones", "bluetooth", "wireless", "noise cancelling", "蓝牙耳机", "降噪耳机"],
    image: { background: "#c7d2fe" },
  },
  {
    sku: "ACC-001",
    name: { en: "Aluminium Desk Phone Stand", "zh-CN": "铝合金桌面手机支架" },
    description: {
      en: "An adjustable aluminium stand for phones and tablets up to 12.9 inches. Silicone pads keep the device from slipping, and it folds flat for travel.",
      "zh-CN": "铝合金材质，角度和高度均可调节，兼容手机及12.9英寸以内平板。硅胶垫防滑防刮，折叠后可放进包里。",
    },
    price: 4590,
    stock: 200,
    tags: ["phone stand", "tablet stand", "desk", "aluminium", "支架", "手机支架"],
    image: { background: "#cbd5e1" },
  },

  // ── Clothing ─────────────────────────────────────────────────────────────
  {
    sku: "TSHIRT-WHT-M",
    name: { en: "Heavyweight Cotton T-Shirt, White, M", "zh-CN": "重磅纯棉圆领T恤 白色 M码" },
    description: {
      en: "A 260 g/m² combed cotton tee with a relaxed fit and a ribbed collar that keeps its shape after washing. Size M fits chest up to 108 cm.",
      "zh-CN": "260克重磅精梳棉，宽松版型，螺纹领口多次洗涤不易变形。M码建议胸围108厘米以内。",
    },
    price: 7900,
    stock: 140,
    tags: ["t-shirt", "tee", "cotton", "white", "size m", "clothing", "t恤", "短袖"],
    image: { background: "#f5f5f4" },
  },
  {
    sku: "TSHIRT-WHT-L",
    name: { en: "Heavyweight Cotton T-Shirt, White, L", "zh-CN": "重磅纯棉圆领T恤 白色 L码" },
    description: {
      en: "A 260 g/m² combed cotton tee with a relaxed fit and a ribbed collar that keeps its shape after washing. Size L fits chest up to 114 cm.",
      "zh-CN": "260克重磅精梳棉，宽松版型，螺纹领口多次洗涤不易变形。L码建议胸围114厘米以内。",
    },
    price: 7900,
    stock: 120,
    tags: ["t-shirt", "tee", "cotton", "white", "size l", "clothing", "t恤", "短袖"],
    image: { background: "#f5f5f4" },
  },
  {
    sku: "TSHIRT-BLK-M",
    name: { en: "Heavyweight Cotton T-Shirt, Black, M", "zh-CN": "重磅纯棉圆领T恤 黑色 M码" },
    description: {
      en: "A 260 g/m² combed cotton tee in a deep black that resists fading. Size M fits chest up to 108 cm.",
      "zh-CN": "260克重磅精梳棉，纯黑色经固色处理，不易洗褪色。M码建议胸围108厘米以内。",
    },
    price: 7900,
    stock: 2,
    tags: ["t-shirt", "tee", "cotton", "black", "size m", "clothing", "t恤", "短袖"],
    image: { background: "#a8a29e" },
  },
  {
    sku: "HOODIE-001",
    name: { en: "Fleece-Lined Hoodie, Heather Grey", "zh-CN": "加绒加厚连帽卫衣 麻灰色" },
    description: {
      en: "A unisex hoodie with a brushed fleece lining, kangaroo pocket and drop shoulders. Warm enough on its own for Hangzhou winters indoors.",
      "zh-CN": "男女同款，内里加绒加厚，落肩宽松版型，前置袋鼠兜。江南冬天室内单穿也够暖。",
    },
    price: 19900,
    stock: 95,
    tags: ["hoodie", "sweatshirt", "fleece", "grey", "clothing", "winter", "卫衣", "连帽卫衣"],
    image: { background: "#d6d3d1" },
  },
  {
    sku: "SOCK-001",
    name: { en: "Cotton Crew Socks, 5 Pairs", "zh-CN": "中筒纯棉袜 5双装" },
    description: {
      en: "Five pairs of breathable combed-cotton crew socks in assorted neutral colours. One size fits EU 36–43.",
      "zh-CN": "精梳棉中筒袜，透气吸汗，5双不同素色搭配装。均码，适合36–43码脚。",
    },
    price: 3900,
    stock: 480,
    tags: ["socks", "cotton", "clothing", "multipack", "袜子", "棉袜"],
    image: { background: "#fbcfe8" },
  },
  {
    sku: "HAT-001",
    name: { en: "Cotton Bucket Hat", "zh-CN": "纯棉百搭渔夫帽" },
    description: {
      en: "A washed-cotton bucket hat with a wide brim for sun protection. The inner band adjusts to fit head sizes 56–60 cm.",
      "zh-CN": "水洗棉面料，帽檐加宽更遮阳。内置调节带，适合头围56–60厘米。",
    },
    price: 5900,
    stock: 130,
    tags: ["hat", "bucket hat", "sun hat", "clothing", "accessories", "渔夫帽", "帽子"],
    image: { background: "#fde68a" },
  },

  // ── Home ─────────────────────────────────────────────────────────────────
  {
    sku: "MUG-001",
    name: { en: "Handmade Stoneware Mug, 350 ml", "zh-CN": "手工粗陶马克杯 350ml" },
    description: {
      en: "Thrown and glazed by hand, so each mug has slightly different colouring. Microwave and dishwasher safe.",
      "zh-CN": "手工拉坯上釉，每只釉色纹理都略有不同。可进微波炉和洗碗机。",
    },
    price: 4900,
    stock: 170,
    tags: ["mug", "cup", "ceramic", "stoneware", "kitchen", "马克杯", "陶瓷杯"],
    image: { background: "#e7e5e4" },
  },
  {
    sku: "MUG-002",
    name: { en: "Double-Wall Glass Tea Cup with Infuser, 400 ml", "zh-CN": "双层玻璃泡茶杯 带茶隔 400ml" },
    description: {
      en: "Borosilicate double-wall glass keeps drinks hot without burning your hands. The removable stainless steel infuser separates leaves from tea.",
      "zh-CN": "高硼硅双层玻璃，隔热不烫手。配可拆卸不锈钢茶隔，茶水分离，泡绿茶花茶都方便。",
    },
    price: 6900,
    stock: 210,
    tags: ["cup", "glass", "tea cup", "infuser", "kitchen", "玻璃杯", "泡茶杯"],
    image: { background: "#cffafe" },
  },
  {
    sku: "LAMP-001",
    name: { en: "3D Moon Night Light, 15 cm", "zh-CN": "3D月球小夜灯 15cm" },
    description: {
      en: "A 3D-printed moon lamp with warm and cool white light and 16 colour modes via remote. USB rechargeable, lasting about 8 hours per charge.",
      "zh-CN": "3D打印月球造型，暖白冷白可调，遥控切换16种颜色。USB充电，充满约可用8小时。",
    },
    price: 8900,
    stock: 0,
    tags: ["lamp", "night light", "moon", "bedroom", "gift", "小夜灯", "台灯"],
    image: { background: "#1e293b" },
  },
  {
    sku: "LAMP-002",
    name: { en: "LED Eye-Care Desk Lamp", "zh-CN": "LED护眼台灯 无频闪" },
    description: {
      en: "A flicker-free LED desk lamp with five colour temperatures and stepless dimming. The adjustable arm and touch controls make it suited to study or office desks.",
      "zh-CN": "无频闪LED光源，五档色温、亮度无级调节。灯臂可多角度调整，触控开关，学习办公都适用。",
    },
    price: 19900,
    stock: 65,
    tags: ["lamp", "desk lamp", "led", "study", "office", "护眼台灯", "台灯"],
    image: { background: "#fef9c3" },
  },
  {
    sku: "HOME-001",
    name: { en: "Ultrasonic Aroma Diffuser, 300 ml", "zh-CN": "超声波香薰加湿器 300ml" },
    description: {
      en: "A wood-grain diffuser that runs quietly for up to 10 hours and switches off automatically when the water runs out. Includes a seven-colour ambient light.",
      "zh-CN": "木纹外观，运行安静，一次加水可持续约10小时，缺水自动断电。带七彩氛围灯。",
    },
    price: 12900,
    stock: 85,
    tags: ["diffuser", "humidifier", "aroma", "bedroom", "香薰机", "加湿器"],
    image: { background: "#e9d5ff" },
  },
  {
    sku: "HOME-002",
    name: { en: "Yixing Zisha Clay Teapot, 200 ml", "zh-CN": "宜兴原矿紫砂壶 西施壶 200ml" },
    description: {
      en: "A classic Xishi-shape teapot handmade from raw zisha clay in Yixing. The porous clay seasons over time and suits oolong and Pu'er.",
      "zh-CN": "宜兴原矿紫泥全手工制作，经典西施壶型，出水顺畅。紫砂透气，越养越润，适合冲泡乌龙和普洱。",
    },
    price: 59900,
    stock: 4,
    tags: ["teapot", "zisha", "yixing", "tea set", "gift", "紫砂壶", "茶具"],
    image: { background: "#c2410c" },
  },

  // ── Beauty & skincare ────────────────────────────────────────────────────
  {
    sku: "SKIN-001",
    name: { en: "Hyaluronic Acid Hydrating Serum, 30 ml", "zh-CN": "玻尿酸补水保湿精华液 30ml" },
    description: {
      en: "A lightweight serum with three molecular weights of hyaluronic acid plus panthenol for lasting hydration. Fragrance-free and suitable for sensitive skin.",
      "zh-CN": "三重分子玻尿酸搭配泛醇，质地轻薄好吸收，持续补水保湿。无香精配方，敏感肌也可以用。",
    },
    price: 15900,
    stock: 110,
    tags: ["skincare", "serum", "hyaluronic acid", "hydrating", "beauty", "精华", "补水"],
    image: { background: "#bae6fd" },
  },
  {
    sku: "SKIN-002",
    name: { en: "Lightweight Sunscreen SPF50+ PA++++, 50 ml", "zh-CN": "清爽防晒乳 SPF50+ PA++++ 50ml" },
    description: {
      en: "A non-greasy daily sunscreen with broad-spectrum SPF50+ PA++++ protection. Sweat-resistant and leaves no white cast.",
      "zh-CN": "高倍广谱防晒，SPF50+ PA++++。质地清爽不油腻，耐汗不泛白，日常通勤和户外都适合。",
    },
    price: 9900,
    stock: 230,
    tags: ["skincare", "sunscreen", "spf50", "sun protection", "beauty", "防晒霜", "防晒"],
    image: { background: "#fef08a" },
  },
  {
    sku: "SKIN-003",
    name: { en: "Amino Acid Gentle Facial Cleanser, 120 g", "zh-CN": "氨基酸温和洁面乳 120g" },
    description: {
      en: "A low-foam amino acid cleanser that removes sunscreen and everyday grime without leaving skin tight. Suitable for morning and evening use.",
      "zh-CN": "氨基酸表活，泡沫细腻温和，能洗净日常防晒和油污，洗后不紧绷。早晚都可使用。",
    },
    price: 6900,
    stock: 270,
    tags: ["skincare", "cleanser", "face wash", "amino acid", "beauty", "洗面奶", "洁面"],
    image: { background: "#e0f2fe" },
  },
  {
    sku: "SKIN-004",
    name: { en: "Soothing Sheet Masks, 10 pcs", "zh-CN": "积雪草舒缓补水面膜 10片" },
    description: {
      en: "Cica-infused sheet masks soaked in a light essence to calm and hydrate skin after sun or travel. Leave on for 15 minutes.",
      "zh-CN": "积雪草精华浸润，舒缓晒后或换季泛红，补水保湿。每次敷15分钟即可。",
    },
    price: 7900,
    stock: 190,
    tags: ["skincare", "sheet mask", "face mask", "cica", "beauty", "面膜", "补水"],
    image: { background: "#d1fae5" },
  },

  // ── Toys ─────────────────────────────────────────────────────────────────
  {
    sku: "TOY-001",
    name: { en: "Leifeng Pagoda Building Block Set, 1,180 pcs", "zh-CN": "雷峰塔积木拼装模型 1180颗粒" },
    description: {
      en: "A detailed brick model of Hangzhou's Leifeng Pagoda with a built-in LED light. Recommended for ages 14 and up.",
      "zh-CN": "杭州雷峰塔造型积木，细节还原，内置LED灯光。建议14岁以上拼装，适合收藏送礼。",
    },
    price: 14900,
    stock: 5,
    tags: ["toys", "building blocks", "bricks", "hangzhou", "gift", "积木", "拼装模型"],
    image: { background: "#fecdd3" },
  },
  {
    sku: "TOY-002",
    name: { en: "Giant Panda Plush Toy, 30 cm", "zh-CN": "大熊猫毛绒公仔 30cm" },
    description: {
      en: "A soft, huggable panda made from short-pile plush with PP cotton filling. Meets the GB 6675 toy safety standard.",
      "zh-CN": "短毛绒面料，PP棉填充，软糯好抱。符合GB 6675玩具安全标准。",
    },
    price: 8900,
    stock: 140,
    tags: ["toys", "plush", "panda", "stuffed animal", "gift", "毛绒玩具", "熊猫"],
    image: { background: "#f1f5f9" },
  },
  {
    sku: "TOY-003",
    name: { en: "3D Wooden Puzzle, Music Box", "zh-CN": "3D木质拼图 八音盒" },
    description: {
      en: "A laser-cut wooden kit that assembles into a working wind-up music box. No glue needed; takes about three hours to build.",
      "zh-CN": "激光切割木板，无需胶水即可拼成一个能上弦播放的八音盒。拼装约需三小时。",
    },
    price: 5900,
    stock: 100,
    tags: ["toys", "puzzle", "wooden", "music box", "diy", "拼图", "手工diy"],
    image: { background: "#fed7aa" },
  },
  {
    sku: "TOY-004",
    name: { en: "Tea Pet Mini Figure Blind Box", "zh-CN": "萌宠茶宠盲盒" },
    description: {
      en: "One of eight ceramic tea pets, each about 5 cm tall, that change colour when hot tea is poured over them. Contents are random.",
      "zh-CN": "陶瓷小茶宠，共8款随机发货，每只约5厘米高。淋上热茶会变色，放在茶盘上很可爱。",
    },
    price: 3990,
    stock: 360,
    tags: ["toys", "blind box", "tea pet", "figure", "collectible", "盲盒", "茶宠"],
    image: { background: "#fbcfe8" },
  },
];

export const secondShopCatalog: SeedProduct[] = [
  {
    sku: "TENT-2P",
    name: { en: "Ridgeline 2-Person Ultralight Tent", "zh-CN": "超轻双人登山帐篷" },
    description: {
      en: "A freestanding three-season tent weighing 3 lb 2 oz, with two doors, two vestibules and a fully taped rainfly. Pitches in under five minutes.",
      "zh-CN": "三季自立式帐篷，整帐约1.4公斤，双门双前庭，外帐全压胶防雨。五分钟内即可搭好。",
    },
    price: 24900,
    stock: 40,
    tags: ["tent", "camping", "backpacking", "ultralight", "shelter", "帐篷", "露营"],
    image: { background: "#bbf7d0" },
  },
  {
    sku: "SLEEP-20F",
    name: { en: "Summit 20°F Down Sleeping Bag", "zh-CN": "650蓬羽绒睡袋 适温-7°C" },
    description: {
      en: "A mummy bag filled with 650-fill-power responsibly sourced down and rated to 20°F (-7°C). Packs down to the size of a loaf of bread.",
      "zh-CN": "木乃伊式睡袋，650蓬松度羽绒填充，舒适温度约-7°C。压缩后只有一条面包大小。",
    },
    price: 18900,
    stock: 25,
    tags: ["sleeping bag", "down", "camping", "backpacking", "睡袋", "羽绒"],
    image: { background: "#c7d2fe" },
  },
  {
    sku: "PAD-001",
    name: { en: "Insulated Inflatable Sleeping Pad", "zh-CN": "保暖充气防潮睡垫" },
    description: {
      en: "A 3-inch-thick air pad with an R-value of 4.2 for three-season use. Inflates in about 15 breaths with the included pump sack.",
      "zh-CN": "厚度约7.6厘米，R值4.2，三季适用。附带充气袋，十几下就能充满。",
    },
    price: 7995,
    stock: 60,
    tags: ["sleeping pad", "air mattress", "camping", "backpacking", "睡垫", "防潮垫"],
    image: { background: "#fde68a" },
  },
  {
    sku: "HL-400",
    name: { en: "Rechargeable Headlamp, 400 Lumens", "zh-CN": "400流明可充电头灯" },
    description: {
      en: "A 400-lumen headlamp with a red night-vision mode and IPX6 water resistance. Charges over USB-C and runs up to 40 hours on low.",
      "zh-CN": "最高400流明，带红光夜视模式，IPX6级防水。USB-C充电，低亮档最长可用约40小时。",
    },
    price: 3995,
    stock: 150,
    tags: ["headlamp", "flashlight", "lighting", "rechargeable", "头灯", "照明"],
    image: { background: "#fef9c3" },
  },
  {
    sku: "BTL-32OZ",
    name: { en: "Insulated Stainless Steel Water Bottle, 32 oz", "zh-CN": "不锈钢真空保温水壶 946ml" },
    description: {
      en: "Double-wall vacuum insulation keeps drinks cold for 24 hours or hot for 12. BPA-free lid with a carry loop.",
      "zh-CN": "双层真空隔热，保冷24小时、保温12小时。杯盖不含BPA，带提环方便挂包。",
    },
    price: 3495,
    stock: 220,
    tags: ["water bottle", "insulated", "stainless steel", "hydration", "水壶", "保温杯"],
    image: { background: "#a5f3fc" },
  },
  {
    sku: "FILTER-001",
    name: { en: "Squeeze Water Filter", "zh-CN": "便携挤压式户外净水器" },
    description: {
      en: "A 0.1-micron hollow-fiber filter that removes 99.99999% of bacteria and threads onto standard bottles. Rated for up to 100,000 gallons.",
      "zh-CN": "0.1微米中空纤维滤芯，可去除99.99999%的细菌，能直接拧在普通水瓶上使用。",
    },
    price: 2995,
    stock: 4,
    tags: ["water filter", "hydration", "backpacking", "survival", "净水器", "过滤"],
    image: { background: "#bfdbfe" },
  },
  {
    sku: "STOVE-001",
    name: { en: "Compact Backpacking Stove", "zh-CN": "户外便携折叠炉头" },
    description: {
      en: "A 2.6 oz canister stove with piezo ignition that boils a liter of water in about 3.5 minutes. Folds into its own hard case.",
      "zh-CN": "约74克，电子点火，烧开一升水约3.5分钟。折叠后可收进自带硬壳收纳盒。",
    },
    price: 4495,
    stock: 80,
    tags: ["stove", "cooking", "camping", "backpacking", "炉头", "野炊"],
    image: { background: "#fed7aa" },
  },
  {
    sku: "POLE-CF",
    name: { en: "Carbon Fiber Trekking Poles, Pair", "zh-CN": "碳纤维快锁登山杖 一对" },
    description: {
      en: "Three-section carbon fiber poles with cork grips and quick-lock adjusters, 8.6 oz each. Adjustable from 39 to 53 inches.",
      "zh-CN": "三节碳纤维杖身，软木握把，外锁快速调节，单支约245克。长度可在100–135厘米之间调整。",
    },
    price: 11900,
    stock: 0,
    tags: ["trekking poles", "hiking poles", "hiking", "carbon", "登山杖", "徒步"],
    image: { background: "#d6d3d1" },
  },
  {
    sku: "PACK-45L",
    name: { en: "Trailhead 45 L Backpacking Pack", "zh-CN": "45升轻量徒步登山背包" },
    description: {
      en: "A 45-liter pack with an adjustable torso length, ventilated back panel and integrated rain cover. Weighs 2 lb 10 oz.",
      "zh-CN": "容量45升，背长可调，透气背板，内置防雨罩。自重约1.2公斤。",
    },
    price: 16900,
    stock: 35,
    tags: ["backpack", "pack", "hiking", "backpacking", "登山包", "背包"],
    image: { background: "#fecaca" },
  },
  {
    sku: "FAK-001",
    name: { en: "Trail First Aid Kit", "zh-CN": "户外随身急救包" },
    description: {
      en: "A 62-piece kit covering blisters, cuts, sprains and stings, packed in a water-resistant pouch. Weighs 7 oz.",
      "zh-CN": "共62件，可应对水泡、割伤、扭伤和蚊虫叮咬，防泼水收纳包，重约200克。",
    },
    price: 2495,
    stock: 110,
    tags: ["first aid", "safety", "hiking", "camping", "急救包", "安全"],
    image: { background: "#fee2e2" },
  },
];
